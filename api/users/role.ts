/** The roles of civicgrid's users. */
export const roles = [
  /** 管理员 — departments, users, rules, grids */
  'admin',
  /** 派遣员 — dispatches cases from the linkage centre */
  'dispatcher',
  /** 监督员 — reports, verifies and checks in the field */
  'inspector',
  /** 权属单位 — a department that owns components and disposes cases; belongs to a department */
  'owner',
  /** 调查单位 — a survey contractor who uploads shapefiles */
  'contractor',
] as const;

export type Role = (typeof roles)[number];
