"""Every read of statutory data, scoped to one partnership, one module for each kind of page:

- clocks: a case's statutory clocks, worked out when shown (never stored);
- lookups: the records a case page shows and the choices its forms offer;
- worklists: the casework officers' worklists;
- portal: the schools portal and the review lists sent to schools;
- measures: a partnership's DfE timeliness measures, counted in the database;
- england: every partnership's measures, and the DfE's published figures to compare with.
"""
