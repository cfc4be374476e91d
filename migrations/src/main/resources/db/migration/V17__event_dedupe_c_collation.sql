-- The dedupe key's message id is compared byte by byte (collation "C"): every accepted event inserts into the
-- primary key of event_dedupe, and with the database's default collation (a libc locale such as C.UTF-8) each
-- comparison in that index, and in the writer's sort of a batch's keys, went through strcoll. Message ids are
-- only ever matched for equality, which is byte equality under either collation, so nothing that was a duplicate
-- stops being one. Rewrites the table and its primary key once (the table holds one dedupe window of keys).
alter table event_dedupe alter column message_id type text collate "C";
