"""sendtrack: improvement plans, statutory clocks and SENDIASS casework for SEND partnerships."""
