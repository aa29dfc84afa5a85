/** SQL for departments (部门: bureaus, utilities and the command centre). */
import type { Knex } from 'knex';

export interface Department {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  kind: 'centre' | 'government' | 'enterprise';
}

export function listDepartments(knex: Knex): Promise<Department[]> {
  return knex('departments').select('id', 'code', 'name_zh', 'name_en', 'kind').orderBy('code');
}

export function findDepartmentByCode(knex: Knex, code: string): Promise<Department | undefined> {
  return knex('departments').select('id', 'code', 'name_zh', 'name_en', 'kind').where({ code }).first();
}
