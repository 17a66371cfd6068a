"""Demo content for `make run` and the benchmarks (`manage.py seed_demo`).

- data/*.json: the showcase, as data: Polifactory as digitalsocial.eu showed it and a few dozen
  real-looking organisations, projects linked to them, case studies and News & blogs posts;
  data/generator.json holds the words the bulk generator draws from;
- showcase.py: reads those files into rows, once;
- scale.py: generates any number of organisations and projects (`--organisations N
  --projects N`) in bulk inserts, for the benchmarks.
"""
