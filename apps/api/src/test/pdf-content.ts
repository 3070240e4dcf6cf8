import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a PDF says and shows, read back with Mozilla's PDF.js: its text per page and the images it paints. */
export async function readPdf(bytes: Uint8Array): Promise<{ pages: string[]; text: string; imageCount: number }> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const pdf = await task.promise;
  const pages: string[] = [];
  let imageCount = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    const operators = await page.getOperatorList();
    imageCount += operators.fnArray.filter(
      (op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject,
    ).length;
  }
  await task.destroy();
  return { pages, text: pages.join('\n'), imageCount };
}
