"""SMP Network Analyser: stakeholder networks of the UK's Strategic Migration Partnerships."""

__version__ = "0.1.0"
