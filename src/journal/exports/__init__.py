"""Exports for indexers and libraries, one module per format, each written with lxml:

- jats.py: JATS 1.3 (Journal Publishing) XML per article (jats_body.py: the rendered body as
  JATS body and back);
- crossref.py: a Crossref deposit (schema 5.3.1) per issue, when a DOI prefix is configured;
- oai.py: an OAI-PMH static repository of every article in Dublin Core.

They read the typed model (`journal.model.Article`, from the `journal` plugin's catalog);
xmltext.py holds what XML 1.0 can carry, names.py how a name is split for them. plugin.py
(`journal-exports`) writes the files into the site and tells the article template where they are.
"""
