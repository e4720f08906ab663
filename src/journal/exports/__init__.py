"""Exports for indexers and libraries, one module per format, each written with lxml:

- jats.py: JATS 1.3 (Journal Publishing) XML per article;
- crossref.py: a Crossref deposit (schema 5.3.1) per issue, when a DOI prefix is configured;
- oai.py: an OAI-PMH static repository of every article in Dublin Core.

source.py is the one adapter from front matter; plugin.py (`journal-exports`) writes the files
into the site and tells the article template where they are.
"""
