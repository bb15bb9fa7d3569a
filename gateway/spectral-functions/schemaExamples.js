// Spectral checks 3.0's `example` against its schema, not 3.1's `examples` (what SmallRye writes for
// @Schema(example = ...)): this checks each of them, so an example cannot drift from the shape it shows.
import { schema } from '@stoplight/spectral-functions';

export default (target, _options, context) => {
  const { examples, ...shape } = target;
  if (!Array.isArray(examples)) {
    return [];
  }
  const results = [];
  examples.forEach((example, i) => {
    const found = schema(example, { schema: shape, dialect: 'draft2020-12', allErrors: true },
      { ...context, path: [...context.path, 'examples', i] });
    if (found) {
      results.push(...found);
    }
  });
  return results;
};
