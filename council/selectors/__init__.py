"""Reads on the council; each list costs a fixed number of queries."""
