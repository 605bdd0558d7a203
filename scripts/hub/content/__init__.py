"""The content: read the folders, validate, cross-check, build the model; what is published when. Imports no engine."""
