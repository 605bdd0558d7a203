"""The commands of `hub`; see `hub.commands.cli`."""
