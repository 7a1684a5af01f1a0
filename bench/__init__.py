"""`make bench`: measure how good and how fast the assistant is and write docs/benchmarks.md."""
