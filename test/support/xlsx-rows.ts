import ExcelJS from 'exceljs';

/** A cell as a spreadsheet program would see it: its type, and the value or the formula it holds. */
export interface XlsxCell {
  type: 'text' | 'number' | 'formula' | 'other';
  value: unknown;
}

/** The first worksheet of an XLSX file, row by row, each cell with its type, read back with exceljs. */
export async function readXlsxRows(file: Buffer): Promise<XlsxCell[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: XlsxCell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: XlsxCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell) => {
      switch (cell.type) {
        case ExcelJS.ValueType.String:
          cells.push({ type: 'text', value: cell.value });
          break;
        case ExcelJS.ValueType.Number:
          cells.push({ type: 'number', value: cell.value });
          break;
        case ExcelJS.ValueType.Formula:
        case ExcelJS.ValueType.SharedString:
          cells.push(cell.type === ExcelJS.ValueType.Formula ? { type: 'formula', value: cell.formula } : { type: 'text', value: cell.text });
          break;
        default:
          cells.push({ type: 'other', value: cell.value });
      }
    });
    rows.push(cells);
  });
  return rows;
}
