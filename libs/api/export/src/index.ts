// The api's entry to exports. The format functions (exceljs, pdfmake…) are loaded only by the
// worker bundle (src/export.worker.ts), never by the main thread.
export * from './lib/export-http';
export * from './lib/export.module';
export * from './lib/export.service';
export * from './lib/formats/catalog';
