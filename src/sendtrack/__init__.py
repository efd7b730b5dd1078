"""sendtrack: improvement plans, statutory timeliness and SENDIASS casework for SEND partnerships."""
