"""What is left of digitalsocial.eu (DSI4EU, 2016–2019): the importer of its open-data export
and the redirects that keep its old addresses working.

- readers.py: single values of the export, in both of its shapes (a plain string or an
  {"id", "name"} object), read into what our fields hold;
- rows.py: what an organisation row and a project row become;
- links.py: the many-to-many links an imported row has (tags, vocabularies, organisations);
- importer.py: the one loop that writes them, in batches of rows;
- views.py, urls.py: /org/<id>/… and /project/<id>/… answer 301 to today's pages.

The directory apps never import this one.
"""
