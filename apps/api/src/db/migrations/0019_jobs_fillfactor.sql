-- Jobs are updated in place all day (notes, times, reasons). Leaving 15 % of each page free lets
-- an update that changes no indexed column stay on its page as a HOT update, which writes none of
-- the table's 13 indexes (ADR 0046). New pages get it at once; pages already full get it when they
-- are rewritten (VACUUM FULL or pg_repack, in a maintenance window; not here, it locks the table).
ALTER TABLE "jobs" SET (fillfactor = 85);
