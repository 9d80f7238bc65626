"""The shared base every other package builds on: errors, configuration, the Neo4j
driver, reference data and the app's users. It imports nothing else of ours."""
