/**
 * The Scalpdesk binary recording format, version 1 (described for people in
 * docs/recording-format.md; keep the two in step).
 *
 *   file    = header frame*
 *   header  = magic(8) version:u16 headerLength:u16 flags:u32 crc32:u32        (20 bytes, LE)
 *   frame   = bodyLength:uvarint type:u8 payload crc32:u32
 *             bodyLength counts type + payload; the CRC covers the varint, the type and the payload.
 *
 * Frames are appended one after another and never rewritten, so a crash can only tear the last one;
 * the reader stops at the first frame that is incomplete or fails its CRC and reports its position.
 */
export const MAGIC: readonly number[] = [0x89, 0x53, 0x44, 0x52, 0x45, 0x43, 0x0d, 0x0a]; // "\x89SDREC\r\n" (PNG-style: catches text-mode mangling)
export const FORMAT_VERSION = 1;
export const HEADER_LENGTH = 20;
export const FILE_EXTENSION = '.sdrec';

/** A frame longer than this is treated as corruption rather than trusted (a flipped length byte). */
export const MAX_FRAME_BODY = 16 * 1024 * 1024;
/** Bytes of the CRC that closes a frame. */
export const FRAME_CRC_LENGTH = 4;

/**
 * Record types. Event records (0x10–0x6f) all start with `symbolId:uvarint tsDelta:svarint`, so a reader
 * keeps the timestamp chain through an event type it does not know and can skip it.
 */
export const RecordType = {
  /** JSON RecordingMeta. */
  Meta: 0x01,
  /** symbolId, priceDecimals, tickUnits, symbol name, instrument JSON (empty when unknown). */
  SymbolDefined: 0x02,
  TradeUnknownAggressor: 0x10,
  TradeBuyAggressor: 0x11,
  TradeSellAggressor: 0x12,
  Quote: 0x20,
  Depth: 0x21,
  IndexTick: 0x22,
  Bar: 0x23,
  /** JSON OptionsContext. */
  OptionsContext: 0x30,
  /** presence:u8, then a float64 for each present field of openInterest, oiChange, iv, delta, gamma (in that order). */
  ContractStats: 0x31,
  /** The live core's market data state: u8 1 + the outage (string) while out, u8 0 when live again. */
  MarketDataState: 0x32,
  /** The live core moved market time on while the feed was silent: no payload beyond the time. */
  Clock: 0x33,
  /** Footer written on close: symbol table, meta and time checkpoints for everything before it. */
  IndexBlock: 0x7e,
  /** Last frame of a cleanly closed file: the byte offset of its IndexBlock (u64). */
  IndexTrailer: 0x7f,
} as const;

export type RecordTypeCode = (typeof RecordType)[keyof typeof RecordType];

export const FIRST_EVENT_TYPE = 0x10;
export const LAST_EVENT_TYPE = 0x6f;
export const isEventRecord = (type: number): boolean => type >= FIRST_EVENT_TYPE && type <= LAST_EVENT_TYPE;

/** The trailer frame has a fixed size: 1 (length varint = 9) + 1 (type) + 8 (offset) + 4 (CRC). */
export const TRAILER_FRAME_LENGTH = 14;

/** Default spacing of time checkpoints in the index, in event records. */
export const DEFAULT_CHECKPOINT_EVERY = 4096;
