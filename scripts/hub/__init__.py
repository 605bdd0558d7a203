"""Content model and build tooling of the child-care knowledge hub."""
