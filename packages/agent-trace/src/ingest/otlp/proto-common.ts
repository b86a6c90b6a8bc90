import type { Attributes, AttrValue } from '@agent-trace/schema';
import type { OtlpScope, ResourceItems, ScopeItems } from './model.js';
import { type WireReader } from './wire-reader.js';

/** AnyValue (common.proto): one of string 1, bool 2, int64 3, double 4, ArrayValue 5, KeyValueList 6, bytes 7. */
export const readAnyValue = (r: WireReader): AttrValue => {
  let value: AttrValue = null;
  while (r.more()) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        value = r.string();
        break;
      case 2:
        value = r.bool();
        break;
      case 3:
        value = r.int64(true);
        break;
      case 4:
        value = r.double();
        break;
      case 5:
        value = r.nested('ArrayValue', readArrayValue);
        break;
      case 6:
        value = r.nested('KeyValueList', readKeyValueList);
        break;
      case 7:
        value = r.base64();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return value;
};

const readArrayValue = (r: WireReader): AttrValue[] => {
  const values: AttrValue[] = [];
  while (r.more()) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) values.push(r.nested('AnyValue', readAnyValue));
    else r.skip(tag & 7);
  }
  return values;
};

const readKeyValueList = (r: WireReader): { [key: string]: AttrValue } => {
  const out: { [key: string]: AttrValue } = {};
  while (r.more()) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) r.nested('KeyValue', (kv) => readKeyValueInto(kv, out));
    else r.skip(tag & 7);
  }
  return out;
};

/** KeyValue: key 1, value 2. Writes the pair into `into` (a later duplicate key wins). */
export const readKeyValueInto = (r: WireReader, into: Attributes): void => {
  let key = '';
  let value: AttrValue = null;
  while (r.more()) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) key = r.key();
    else if (field === 2) value = r.nested('AnyValue', readAnyValue);
    else r.skip(tag & 7);
  }
  into[key] = value;
};

/** Resource: repeated KeyValue attributes 1. */
export const readResource = (r: WireReader): Attributes => {
  const attributes: Attributes = {};
  while (r.more()) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) r.nested('KeyValue', (kv) => readKeyValueInto(kv, attributes));
    else r.skip(tag & 7);
  }
  return attributes;
};

/** InstrumentationScope: name 1, version 2 (its attributes are not kept). */
export const readScope = (r: WireReader): OtlpScope => {
  const scope: OtlpScope = { name: '', version: '' };
  while (r.more()) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) scope.name = r.string();
    else if (field === 2) scope.version = r.string();
    else r.skip(tag & 7);
  }
  return scope;
};

/**
 * The envelope every Export request shares: repeated Resource{Spans,Logs,Metrics} 1, each with
 * resource 1 and repeated Scope{…} 2, each with scope 1 and repeated items 2.
 */
export const readEnvelope = <T>(r: WireReader, signal: string, itemName: string, readItem: (r: WireReader) => T): ResourceItems<T>[] => {
  const resources: ResourceItems<T>[] = [];
  while (r.more()) {
    const tag = r.uint32();
    if (tag >>> 3 !== 1) {
      r.skip(tag & 7);
      continue;
    }
    resources.push(
      r.nested(`Resource${signal}`, (rr) => {
        let resource: Attributes = {};
        const scopes: ScopeItems<T>[] = [];
        while (rr.more()) {
          const t = rr.uint32();
          const f = t >>> 3;
          if (f === 1) resource = rr.nested('Resource', readResource);
          else if (f === 2) {
            scopes.push(
              rr.nested(`Scope${signal}`, (sr) => {
                let scope: OtlpScope = { name: '', version: '' };
                const items: T[] = [];
                while (sr.more()) {
                  const st = sr.uint32();
                  const sf = st >>> 3;
                  if (sf === 1) scope = sr.nested('InstrumentationScope', readScope);
                  else if (sf === 2) items.push(sr.nested(itemName, readItem));
                  else sr.skip(st & 7);
                }
                return { scope, items };
              }),
            );
          } else rr.skip(t & 7);
        }
        return { resource, scopes };
      }),
    );
  }
  return resources;
};
