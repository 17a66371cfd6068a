"""`make bench`: seeds benchmark databases, serves them with gunicorn and measures over HTTP.

See bench/run.py (`python -m bench.run --help`) and the Budgets section of DESIGN.md.
"""
