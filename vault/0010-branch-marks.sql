-- 0010: a new or changed branch number marks the person's qualification
-- data for the next differential from the result that brings it, set-wise
-- (regstore_results_apply), instead of by trigger. Results are the only
-- writer of branches; the trigger ran once per row, about 1 s of a
-- 400,000-row result, and marked every person the result named again,
-- also with the branch number they already had.
DROP TRIGGER IF EXISTS reg_dirty_branch_new;
DROP TRIGGER IF EXISTS reg_dirty_branch_changed;
