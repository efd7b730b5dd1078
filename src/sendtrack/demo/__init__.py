"""A synthetic demo partnership, Northvale, loaded by `make run`.

Every name, place and sentence here is made up. Nothing is copied from a real plan.
"""
