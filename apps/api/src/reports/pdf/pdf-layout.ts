import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans (Bitstream Vera licence: free to embed) covers Latin with Polish, Czech, German…
 * diacritics, Greek, Cyrillic and the symbols we use (→ ✓ ✗ ⚠). pdfkit embeds only the glyphs a
 * report uses, so a report stays small.
 */
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

export const COLORS = {
  text: '#1a1a1a',
  muted: '#5c5c5c',
  rule: '#c8c8c8',
  band: '#eef1f4',
  pass: '#1b6e33',
  fail: '#b3261e',
  na: '#5c5c5c',
  warn: '#8a4b00',
};

const MARGIN = 50;
/** Room kept free at the bottom of each page for the footer. */
const FOOTER_SPACE = 30;

/**
 * A thin layer over pdfkit for a flowing document: a cursor `y`, page breaks before a block that
 * would not fit, and a few typographic styles, so the report code reads as the document it draws.
 */
export class PdfFlow {
  readonly doc: PDFKit.PDFDocument;
  y = MARGIN;

  constructor(info: { title: string; author: string }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: { Title: info.title, Author: info.author, Creator: 'Lastmile' },
      lang: 'en',
    });
    this.doc.registerFont('regular', FONT_FILES.regular);
    this.doc.registerFont('bold', FONT_FILES.bold);
    this.doc.font('regular').fillColor(COLORS.text);
  }

  get left(): number {
    return MARGIN;
  }
  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }
  private get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER_SPACE;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = MARGIN;
  }

  style(kind: 'body' | 'small' | 'label' | 'heading' | 'title', color: string = COLORS.text): this {
    const [font, size] = {
      body: ['regular', 10],
      small: ['regular', 8],
      label: ['bold', 10],
      heading: ['bold', 13],
      title: ['bold', 18],
    }[kind] as [string, number];
    this.doc.font(font).fontSize(size).fillColor(color);
    return this;
  }

  heightOf(text: string, width: number): number {
    return this.doc.heightOfString(text || ' ', { width });
  }

  /** Text at (x, y) wrapped to `width`, without moving the flow's cursor. Returns its height. */
  textAt(text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left'): number {
    this.doc.text(text || ' ', x, y, { width, align, lineBreak: true });
    return this.heightOf(text, width);
  }

  /** A paragraph across the full width, page-breaking first if it would not fit. */
  paragraph(text: string, gapAfter = 4): void {
    const height = this.heightOf(text, this.width);
    this.ensure(height);
    this.textAt(text, this.left, this.y, this.width);
    this.y += height + gapAfter;
  }

  rule(color = COLORS.rule): void {
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();
    this.y += 6;
  }

  /** A section heading on a shaded band; kept with at least `keepWith` points of what follows. */
  band(title: string, keepWith = 40): void {
    this.style('heading');
    const height = this.heightOf(title, this.width - 12) + 8;
    this.ensure(height + keepWith);
    this.doc.rect(this.left, this.y, this.width, height).fill(COLORS.band);
    this.style('heading');
    this.textAt(title, this.left + 6, this.y + 4, this.width - 12);
    this.y += height + 6;
    this.style('body');
  }

  /** "Page n of m" and a footer line on every page; call once, after the last content. */
  footers(left: string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = this.doc.page.height - MARGIN - 12;
      this.style('small', COLORS.muted);
      // Writing inside the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.text(left, this.left, y, { width: this.width * 0.75, lineBreak: false });
      this.doc.text(`Page ${i - range.start + 1} of ${range.count}`, this.left, y, {
        width: this.width,
        align: 'right',
        lineBreak: false,
      });
      this.doc.page.margins.bottom = margin;
    }
  }

  /** The finished document's bytes. */
  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
