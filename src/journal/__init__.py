"""《国际问题研究》online: the importer, the MkDocs plugins, the content checks and the bundle.

    importer/  an issue's source -> Markdown pages with YAML front matter (never imports MkDocs)
    schema/    the front-matter schema, as data
    catalog    issues and articles as the pages under docs/ describe them
    site/      MkDocs plugin `journal`: navigation, archive, article header, indexes, citations
    search/    MkDocs plugin `zh-search`: exact Chinese search
    checks/    the content check run on every pull request
    bundle     the offline zips
"""
