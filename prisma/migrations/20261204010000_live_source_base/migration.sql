-- A live snapshot may store its documents as changes against an earlier snapshot that stores them
-- whole (its source base): the documents are then that base plus the inventory changes after the
-- base up to the snapshot. No foreign key: pruning keeps every base a kept snapshot names.
ALTER TABLE "inventory_snapshots" ADD COLUMN "sourceBaseId" TEXT;
