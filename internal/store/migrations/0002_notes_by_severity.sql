-- Status counts notes and high-severity notes on every `pcnvoice status`,
-- often over SSH. Without this index the second count scans the whole notes
-- table (3 ms of extra reads at 5,000 notes); with it both counts read a
-- small covering index.
CREATE INDEX notes_by_severity ON notes (severity);
