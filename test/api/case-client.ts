/**
 * The case API as the HTTP tests drive it: report, act on a case at its current version, and find
 * components, problem types and points to report on. Each component is handed out once, so
 * tests sharing a database never report on the same one by accident.
 */
import assert from 'node:assert/strict';
import type { TestApp, TestResponse } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-database.ts';

export interface SeededComponent {
  id: number;
  code: string;
  class_code: string;
  department_code: string | null;
  grid_id: number;
  lon: number;
  lat: number;
}

export class CaseClient {
  private readonly taken = new Set<number>();

  constructor(
    readonly app: TestApp,
    readonly db: TestDatabase,
  ) {}

  report(token: string, body: Record<string, unknown>): Promise<TestResponse> {
    return this.app.request('POST', '/api/cases', { token, body });
  }

  /** Reports and asserts the case was opened (201); returns the case. */
  async open(token: string, body: Record<string, unknown>): Promise<any> {
    const response = await this.report(token, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  get(token: string, id: number): Promise<TestResponse> {
    return this.app.request('GET', `/api/cases/${id}`, { token });
  }

  /** A transition at the case's current version (read from the database, so a refusal is never about the version). */
  async act(token: string, id: number, action: string, extra: Record<string, unknown> = {}): Promise<TestResponse> {
    const row = await this.db.knex('cases').where({ id }).first('version');
    return this.app.request('POST', `/api/cases/${id}/transitions`, { token, body: { action, version: row?.version ?? 1, ...extra } });
  }

  /** A transition that must succeed; returns the case after it. */
  async must(token: string, id: number, action: string, extra: Record<string, unknown> = {}): Promise<any> {
    const response = await this.act(token, id, action, extra);
    assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** A component not handed out before, of a class (and owner department) if given. */
  async component(filter: { classCode?: string; department?: string } = {}): Promise<SeededComponent> {
    const query = this.db
      .knex('components as c')
      .leftJoin('departments as d', 'd.id', 'c.department_id')
      .select('c.id', this.db.knex.raw('trim(c.code) as code'), this.db.knex.raw('trim(c.class_code) as class_code'), 'd.code as department_code', 'c.grid_id', this.db.knex.raw('ST_X(c.point) as lon'), this.db.knex.raw('ST_Y(c.point) as lat'))
      .whereNotNull('c.grid_id')
      .whereNotIn('c.id', [...this.taken, 0])
      .whereNotExists(this.db.knex('cases').whereRaw('cases.component_id = c.id'))
      .orderBy('c.id');
    if (filter.classCode) query.where('c.class_code', filter.classCode);
    if (filter.department) query.where('d.code', filter.department);
    const component: SeededComponent | undefined = await query.first();
    assert.ok(component, `no free component for ${JSON.stringify(filter)}`);
    this.taken.add(component.id);
    return component;
  }

  /** The first problem type of a component class. */
  async problemType(classCode: string): Promise<{ code: string; case_class: 'A' | 'B' | 'C' }> {
    const row = await this.db.knex('problem_types').where({ class_code: classCode }).orderBy('code').first('code', 'case_class');
    assert.ok(row, `no problem type for class ${classCode}`);
    return row;
  }

  /** A point inside a base grid (its point on surface), with the grid. */
  async pointInBaseGrid(offset = 0): Promise<{ lon: number; lat: number; gridId: number; gridCode: string }> {
    const row = await this.db
      .knex('grids')
      .where({ level: 4 })
      .orderBy('code')
      .offset(offset)
      .first('id', 'code', this.db.knex.raw('ST_X(ST_PointOnSurface(geom)) as lon'), this.db.knex.raw('ST_Y(ST_PointOnSurface(geom)) as lat'));
    return { lon: row.lon, lat: row.lat, gridId: row.id, gridCode: row.code };
  }

  /** Opens a case on a fresh component (of the owner's department) and walks it to `state` with the given actors. */
  async caseIn(state: string, actors: { inspector: string; dispatcher: string; owner: string }, component: { classCode: string; department: string }): Promise<any> {
    const { code } = await this.component(component);
    const problem = await this.problemType(component.classCode);
    let body = await this.open(actors.inspector, { component_code: code, problem_type: problem.code, note: `a case to bring to ${state}` });
    const path: Record<string, [string, string, Record<string, unknown>?][]> = {
      reported: [],
      verified: [['inspector', 'verify']],
      not_filed: [['inspector', 'not_file', { reason: 'not a real problem' }]],
      filed: [['inspector', 'verify'], ['inspector', 'file']],
      dispatched: [['inspector', 'verify'], ['inspector', 'file'], ['dispatcher', 'dispatch']],
      disposed: [['inspector', 'verify'], ['inspector', 'file'], ['dispatcher', 'dispatch'], ['owner', 'dispose', { note: 'fixed' }]],
      returned: [['inspector', 'verify'], ['inspector', 'file'], ['dispatcher', 'dispatch'], ['owner', 'dispose', { note: 'fixed' }], ['inspector', 'return', { note: 'not fixed' }]],
      evaluated: [['inspector', 'verify'], ['inspector', 'file'], ['dispatcher', 'dispatch'], ['owner', 'dispose', { note: 'fixed' }], ['inspector', 'close']],
    };
    const steps = path[state];
    assert.ok(steps, `no path to ${state}`);
    for (const [who, action, extra] of steps) body = await this.must(actors[who as keyof typeof actors], body.id, action, extra);
    assert.equal(body.state, state);
    return body;
  }
}
