-- A staged row that carries the code of an inventory component (ObjID) is that component.
update survey_staged s
set component_id = c.id, action = 'update'
from components c
where s.batch_id = :batchId
  and s.source_code is not null
  and c.code = s.source_code
  and c.class_code = s.class_code;
