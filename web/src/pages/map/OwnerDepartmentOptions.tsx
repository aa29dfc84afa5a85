/** The departments that can own components (every one but the city-management centre), as the
 * options of a select, named in the UI's language. */
import type { Schema } from '../../api/api-client.ts';
import { nameField, type Locale } from '../../i18n.ts';

type Department = Schema<'Department'>;

export function ownerDepartments(departments: Department[]): Department[] {
  return departments.filter((d) => d.kind !== 'centre');
}

export function OwnerDepartmentOptions({ departments, locale }: { departments: Department[]; locale: Locale }) {
  return (
    <>
      {ownerDepartments(departments).map((d) => (
        <option key={d.code} value={d.code}>
          {d[nameField(locale)] || d.name_zh}
        </option>
      ))}
    </>
  );
}
