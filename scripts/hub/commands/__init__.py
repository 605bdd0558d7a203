"""The commands of `hub`; see `hub.cli`."""
