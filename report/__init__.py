"""The quarterly coverage report and exports for other tools."""
