import { describe, expect, it } from 'vitest';
import { createRouteTable, normaliseRoute, pathOf } from './routes.ts';

describe('normaliseRoute', () => {
  it('drops query strings and fragments and replaces identifier segments with :id', () => {
    expect(normaliseRoute('/v1/models/42/infer?verbose=1#x')).toBe('/v1/models/:id/infer');
    expect(normaliseRoute('/jobs/3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e/status')).toBe('/jobs/:id/status');
    expect(normaliseRoute('/blobs/0123456789abcdef0123')).toBe('/blobs/:id');
    expect(normaliseRoute('/models/resnet50/predict')).toBe('/models/resnet50/predict');
  });

  it('reads the path of absolute-form targets and tidies slashes', () => {
    expect(pathOf('http://example.com:8080/a/b?c')).toBe('/a/b');
    expect(pathOf('//a///b/')).toBe('/a/b');
    expect(pathOf('')).toBe('/');
    expect(pathOf('?q=1')).toBe('/');
  });
});

describe('createRouteTable', () => {
  it('keeps the first maxRoutes routes and labels the rest other', () => {
    const table = createRouteTable({ maxRoutes: 3 });
    const labels = ['/a', '/b', '/c', '/d', '/a?x=1', '/e'].map((u) => table.label(u, 200));
    expect(labels).toEqual(['/a', '/b', '/c', 'other', '/a', 'other']);
    expect(table.size).toBe(3);
  });

  it('does not admit a new route answered 404, but keeps a known one', () => {
    const table = createRouteTable({ maxRoutes: 5 });
    expect(table.label('/wp-admin.php', 404)).toBe('other');
    expect(table.label('/v1/models/7', 200)).toBe('/v1/models/:id');
    expect(table.label('/v1/models/8', 404)).toBe('/v1/models/:id');
    expect(table.size).toBe(1);
  });

  it('with known routes, labels by the matching pattern and everything else other', () => {
    const table = createRouteTable({ routes: ['/v2/models/:model/infer', '/v2/health/*', '/v2/models/resnet/versions/1'] });
    expect(table.label('/v2/models/bert/infer?x')).toBe('/v2/models/:model/infer');
    expect(table.label('/v2/health/ready')).toBe('/v2/health/*');
    expect(table.label('/v2/models/resnet/versions/1')).toBe('/v2/models/resnet/versions/1');
    expect(table.label('/v2/models/bert/infer/extra')).toBe('other');
    expect(table.label('/anything')).toBe('other');
  });

  it('rejects a maxRoutes that is not a whole number', () => {
    expect(() => createRouteTable({ maxRoutes: -1 })).toThrow(RangeError);
    expect(() => createRouteTable({ maxRoutes: 1.5 })).toThrow(RangeError);
  });
});
