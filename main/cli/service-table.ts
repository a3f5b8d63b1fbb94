/**
 * The readable table of services the `services` and `demo` commands print.
 */
import type { Service } from '../domain/service.ts';

const COLUMNS: readonly {
  readonly title: string;
  readonly value: (service: Service) => string;
  readonly right?: boolean;
}[] = [
  { title: 'ID', value: (service) => String(service.certificateId), right: true },
  { title: 'HOST', value: (service) => service.hostName || '(no host yet)' },
  { title: 'TYPE', value: (service) => service.sslType },
  { title: 'STATUS', value: (service) => service.status },
  { title: 'EXPIRES', value: (service) => service.expireDate ?? '-' },
  { title: 'DUE', value: (service) => service.dueDate ?? '-' },
  { title: 'DAYS', value: (service) => (service.daysLeft === null ? '-' : String(service.daysLeft)), right: true },
  { title: 'REISSUE', value: (service) => reissueText(service) },
  { title: 'ACTION', value: (service) => (service.needsActivation ? 'needs activation' : '') },
];

/** Aligned columns, one line per service, ending with a newline. */
export function formatServiceTable(services: readonly Service[]): string {
  const cells = services.map((service) => COLUMNS.map((column) => column.value(service)));
  const widths = COLUMNS.map((column, index) =>
    Math.max(column.title.length, ...cells.map((row) => (row[index] ?? '').length)),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return COLUMNS[index]?.right === true ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(COLUMNS.map((column) => column.title)), ...cells.map(line)].join('\n') + '\n';
}

function reissueText(service: Service): string {
  if (service.reissueState === 'none') return '';
  const chain = [...service.previousCertificateIds, service.certificateId].join('→');
  return `${service.reissueState} ${chain}`;
}
