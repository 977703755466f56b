-- Every batch touching a counter cell updates it, a few times before the report job deletes it. In
-- a full page an update writes the new version to another page, with a new entry in each of the
-- table's indexes (two thirds of the updates did); room left in the page keeps the new version
-- there without index entries (a HOT update). Applies to the pages written from now on.
ALTER TABLE delivery_counter SET (fillfactor = 70);
ALTER TABLE delivery_signal_counter SET (fillfactor = 70);
