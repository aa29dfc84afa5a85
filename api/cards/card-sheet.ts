/**
 * A4 sheets of ID cards as a PDF (pdf-lib): 2 columns × 5 rows per page at true size (85.6 × 54 mm),
 * cards edge to edge so one cut serves two neighbours, crop marks in the margins at every cut line.
 *
 * Each card PNG goes in byte for byte (see png-image.ts): embedding through pdf-lib's embedPng
 * would decode and re-deflate every 1011 × 638 image.
 */
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, rgb, StandardFonts } from 'pdf-lib';
import { isPassThroughPng, readPng } from './png-image.ts';

const pointsPerMm = 72 / 25.4;

/** A4 in PDF points. */
export const a4 = { width: 210 * pointsPerMm, height: 297 * pointsPerMm };
/** An ID-1 card in PDF points. */
export const cardPoints = { width: 85.6 * pointsPerMm, height: 54 * pointsPerMm };
export const sheetColumns = 2;
export const sheetRows = 5;
export const cardsPerSheet = sheetColumns * sheetRows;

/** Crop marks: how far from the cards they start, and how long they are. */
const markGap = 2 * pointsPerMm;
const markLength = 5 * pointsPerMm;

/** Where card `index` (0-based, row by row from the top left) sits on its page: bottom-left corner in points. */
export function cardPosition(index: number): { x: number; y: number } {
  const slot = index % cardsPerSheet;
  const column = slot % sheetColumns;
  const row = Math.floor(slot / sheetColumns);
  const { left, top } = sheetOrigin();
  return { x: left + column * cardPoints.width, y: top - (row + 1) * cardPoints.height };
}

/** The cards' block, centred on the page: its left edge and its top edge (PDF y grows upwards). */
function sheetOrigin(): { left: number; top: number } {
  const width = sheetColumns * cardPoints.width;
  const height = sheetRows * cardPoints.height;
  return { left: (a4.width - width) / 2, top: (a4.height + height) / 2 };
}

/** Sheets from card PNGs (8-bit RGB, as card-renderer writes them) in order. */
export class CardSheetBuilder {
  private pages = 0;
  private count = 0;
  private page: ReturnType<PDFDocument['addPage']> | undefined;

  private constructor(
    private readonly document: PDFDocument,
    private readonly font: Awaited<ReturnType<PDFDocument['embedFont']>>,
    private readonly label: string,
  ) {}

  /** A new, empty PDF; `label` (ASCII) is printed small in each page's foot. */
  static async create(label: string): Promise<CardSheetBuilder> {
    const document = await PDFDocument.create();
    document.setTitle(`ID cards — ${label}`);
    document.setCreator('civicgrid');
    document.setProducer('civicgrid (pdf-lib)');
    return new CardSheetBuilder(document, await document.embedFont(StandardFonts.Helvetica), label);
  }

  /** Places the next card, starting a page every ten. */
  add(png: Buffer): void {
    const image = readPng(png);
    if (!isPassThroughPng(image)) throw new Error(`a card must be an 8-bit RGB PNG (colour type ${image.colorType}, depth ${image.bitDepth})`);
    if (this.count % cardsPerSheet === 0) this.page = this.newPage();
    const context = this.document.context;
    const stream = context.stream(image.data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: 3, BitsPerComponent: 8, Columns: image.width },
    });
    const name = this.page!.node.newXObject('Card', context.register(stream));
    const { x, y } = cardPosition(this.count);
    this.page!.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(cardPoints.width, 0, 0, cardPoints.height, x, y),
      drawObject(name),
      popGraphicsState(),
    );
    this.count += 1;
  }

  /** How many cards are placed. */
  get cards(): number {
    return this.count;
  }

  /** The finished PDF. */
  async save(): Promise<Uint8Array> {
    return this.document.save({ useObjectStreams: false });
  }

  private newPage() {
    this.pages += 1;
    const page = this.document.addPage([a4.width, a4.height]);
    this.drawCropMarks(page);
    page.drawText(`civicgrid ID cards - ${this.label} - sheet ${this.pages}`, { x: sheetOrigin().left, y: 14, size: 7, font: this.font, color: rgb(0.4, 0.4, 0.4) });
    return page;
  }

  /** Short hairlines outside the card block, in line with every cut. */
  private drawCropMarks(page: ReturnType<PDFDocument['addPage']>): void {
    const { left, top } = sheetOrigin();
    const right = left + sheetColumns * cardPoints.width;
    const bottom = top - sheetRows * cardPoints.height;
    const line = (x1: number, y1: number, x2: number, y2: number) =>
      page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.25, color: rgb(0, 0, 0) });
    for (let c = 0; c <= sheetColumns; c += 1) {
      const x = left + c * cardPoints.width;
      line(x, top + markGap, x, top + markGap + markLength);
      line(x, bottom - markGap, x, bottom - markGap - markLength);
    }
    for (let r = 0; r <= sheetRows; r += 1) {
      const y = top - r * cardPoints.height;
      line(left - markGap, y, left - markGap - markLength, y);
      line(right + markGap, y, right + markGap + markLength, y);
    }
  }
}
