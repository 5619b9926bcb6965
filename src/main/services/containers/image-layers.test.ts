import { describe, expect, it } from 'vitest';
import { analyseLayers } from './image-layers';

const layer = (Id: string, Size: number, CreatedBy = 'RUN x', Created = 1) => ({ Id, Created, CreatedBy, Size, Comment: '' });

describe('analyseLayers', () => {
  it('splits base, middleware and application, newest layer first in the result', () => {
    const result = analyseLayers('e', 'app:1', [
      layer('sha256:app', 5_000, 'COPY app.jar /app'),
      layer('<missing>', 0, '/bin/sh -c #(nop)  CMD ["java"]'),
      layer('<missing>', 200_000, 'RUN apt-get install tomcat'),
      layer('<missing>', 80_000_000, 'ADD file:abc in /'),
    ]);
    expect(result.split).toEqual({ base: 80_000_000, middleware: 200_000, application: 5_000 });
    expect(result.layers.map((l) => l.role)).toEqual(['application', 'empty', 'middleware', 'base']);
    expect(result.layers[1]?.createdBy).toBe('CMD ["java"]');
    expect(result.warning).toBeUndefined();
  });
  it('flags an application layer that is not the small top one', () => {
    const result = analyseLayers('e', 'fat:1', [layer('a', 90_000_000), layer('b', 1_000), layer('c', 50_000_000)]);
    expect(result.warning).toMatch(/not the small top layer/);
  });
  it('flags a single-layer image', () => {
    expect(analyseLayers('e', 'x', [layer('a', 2_000_000, 'Imported from -')]).warning).toMatch(/1 layer with content/);
  });
});
