"""The dashboard's pure logic: everything dashboard.py draws, decided without Streamlit.

The extraction pipeline (readers -> sentences -> mentions -> arguments -> frames -> records -> store) never imports
this package (tests/test_layout.py checks it); the command line's `chart` and `export` may.
"""
