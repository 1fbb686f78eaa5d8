// PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
// "Binary Format"), written straight into one growing Buffer. Nothing to escape or parse: each
// field is its length and its bytes, so neither Node nor PostgreSQL scans the text, and a batch
// allocates one buffer instead of a string per field. Only the types the alerts table uses.
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const TEXT_OID = 25;
/** strings up to this length are tried as ASCII first */
const SHORT = 64;
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix milliseconds */
const PG_EPOCH_MS = 946_684_800_000;

export class CopyBinaryWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(initialBytes, 64));
    SIGNATURE.copy(this.buf, 0);
    this.pos = SIGNATURE.length;
    this.int32(0); // flags: no OIDs
    this.int32(0); // header extension length
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private int32(n: number): void {
    this.ensure(4);
    this.buf.writeInt32BE(n, this.pos);
    this.pos += 4;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(fields, this.pos);
    this.pos += 2;
    return this;
  }

  private null(): this {
    this.int32(-1);
    return this;
  }

  /** text, varchar and json: the UTF-8 bytes. */
  text(value: string | null): this {
    if (value === null) return this.null();
    this.ensure(4 + value.length * 3);
    // Short ASCII strings (names, severities, ids) are most fields: copying their char codes costs
    // less than a call into the encoder. Anything else takes the encoder from the start.
    if (value.length <= SHORT) {
      const at = this.pos + 4;
      let i = 0;
      for (; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        this.buf[at + i] = c;
      }
      if (i === value.length) {
        this.buf.writeInt32BE(i, this.pos);
        this.pos = at + i;
        return this;
      }
    }
    const bytes = this.buf.write(value, this.pos + 4, "utf8");
    this.buf.writeInt32BE(bytes, this.pos);
    this.pos += 4 + bytes;
    return this;
  }

  /** jsonb: a version byte (1), then the JSON text. */
  jsonb(json: string): this {
    this.ensure(5 + json.length * 3);
    this.buf.writeUInt8(1, this.pos + 4);
    const bytes = this.buf.write(json, this.pos + 5, "utf8");
    this.buf.writeInt32BE(bytes + 1, this.pos);
    this.pos += 5 + bytes;
    return this;
  }

  bool(value: boolean): this {
    this.int32(1);
    this.ensure(1);
    this.buf.writeUInt8(value ? 1 : 0, this.pos);
    this.pos += 1;
    return this;
  }

  int4(value: number | null): this {
    if (value === null) return this.null();
    this.int32(4);
    this.int32(value);
    return this;
  }

  float8(value: number): this {
    this.int32(8);
    this.ensure(8);
    this.buf.writeDoubleBE(value, this.pos);
    this.pos += 8;
    return this;
  }

  /** timestamptz: microseconds since 2000-01-01 UTC as int64. */
  timestamptz(value: Date): this {
    this.int32(8);
    this.ensure(8);
    this.buf.writeBigInt64BE(BigInt(value.getTime() - PG_EPOCH_MS) * 1000n, this.pos);
    this.pos += 8;
    return this;
  }

  /** text[] with one dimension (or none when empty), no NULL elements. */
  textArray(values: readonly string[]): this {
    const start = this.pos;
    this.int32(0); // length, filled in below
    this.int32(values.length === 0 ? 0 : 1); // dimensions
    this.int32(0); // no NULL elements
    this.int32(TEXT_OID);
    if (values.length > 0) {
      this.int32(values.length);
      this.int32(1); // lower bound
      for (const v of values) this.text(v);
    }
    this.buf.writeInt32BE(this.pos - start - 4, start);
    return this;
  }

  /** The whole COPY data, trailer included; the writer is spent. */
  finish(): Buffer {
    this.ensure(2);
    this.buf.writeInt16BE(-1, this.pos);
    this.pos += 2;
    return this.buf.subarray(0, this.pos);
  }
}
