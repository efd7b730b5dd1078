"""The rules, in plain Python with no Django import, so they can be read and tested alone."""
