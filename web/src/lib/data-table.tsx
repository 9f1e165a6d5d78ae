import { Fragment, type Key, type ReactNode } from 'react';
import { TableScroll } from './table-scroll.tsx';

export type ColumnHeader = {
  /** The column's name: its header, and the label of its cells when the table turns into cards on a phone. */
  header: string;
  /** The header's tooltip, for a name that needs explaining. */
  headerTitle?: string;
  /** Named for screen readers only (a column of buttons); its cells carry no label either. */
  headerHidden?: boolean;
};

export type Column<Row> = ColumnHeader & {
  /** The label of its cells on a phone, when it is not the header. */
  label?: string;
  cell: (row: Row) => ReactNode;
  cellClassName?: string;
  cellTitle?: (row: Row) => string;
};

/**
 * A table of rows, one per item, in the frame that scrolls sideways when it is too wide. The first
 * column heads its row, unless `rowHeader` names another. Rows that hold state of their own (a row with its own mutations) render
 * themselves with `renderRow`, under `headers` alone.
 */
export function DataTable<Row>(
  props: {
    className: string;
    /** Names the table for screen readers. */
    caption?: string;
    rows: readonly Row[];
    rowKey: (row: Row, index: number) => Key;
    rowClassName?: (row: Row) => string | undefined;
    rowHeader?: number;
  } & ({ columns: Column<Row>[]; renderRow?: never } | { headers: ColumnHeader[]; renderRow: (row: Row) => ReactNode }),
) {
  const headers = 'columns' in props ? props.columns : props.headers;
  const columns = 'columns' in props ? props.columns : [];
  const rowHeader = props.rowHeader ?? 0;
  return (
    <TableScroll>
      <table className={props.className}>
        {props.caption ? <caption className="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            {headers.map((column) => (
              <th key={column.header} scope="col" title={column.headerTitle}>
                {column.headerHidden ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) =>
            props.renderRow ? (
              <Fragment key={props.rowKey(row, index)}>{props.renderRow(row)}</Fragment>
            ) : (
              <tr key={props.rowKey(row, index)} className={props.rowClassName?.(row)}>
                {columns.map((column, at) => {
                  const label = column.headerHidden ? undefined : (column.label ?? column.header);
                  const attributes = {
                    'data-label': label,
                    className: column.cellClassName,
                    title: column.cellTitle?.(row),
                  };
                  return at === rowHeader ? (
                    <th key={column.header} scope="row" {...attributes}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.header} {...attributes}>
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
