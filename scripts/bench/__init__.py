"""The build benchmark: a synthetic corpus of N bilingual posts, the hub's build and a plain MkDocs baseline."""
