-- Every staged row that matched no inventory component is a new component.
update survey_staged set action = 'new' where batch_id = :batchId and action is null;
