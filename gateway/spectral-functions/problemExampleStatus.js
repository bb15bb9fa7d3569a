// An error answer's example says the status it is an example of: for each media type of a 4xx/5xx response, its
// `example` and each of its `examples`' value that has a `status` must have the response's code (a problem+json
// shows its status in the body, and a client reads it from there).
export default (responses, _options, context) => {
  const results = [];
  if (responses === null || typeof responses !== 'object') {
    return results;
  }
  for (const [code, response] of Object.entries(responses)) {
    if (!/^[45]\d\d$/.test(code) || !response || typeof response.content !== 'object' || response.content === null) {
      continue;
    }
    for (const [media, content] of Object.entries(response.content)) {
      if (!content || typeof content !== 'object') {
        continue;
      }
      const shown = [];
      if (content.example !== undefined) {
        shown.push([['example'], content.example]);
      }
      for (const [name, example] of Object.entries(content.examples ?? {})) {
        if (example && typeof example === 'object' && 'value' in example) {
          shown.push([['examples', name, 'value'], example.value]);
        }
      }
      for (const [where, value] of shown) {
        if (value && typeof value === 'object' && 'status' in value && Number(value.status) !== Number(code)) {
          results.push({
            message: `The ${code} answer's example has status ${value.status}`,
            path: [...context.path, code, 'content', media, ...where, 'status'],
          });
        }
      }
    }
  }
  return results;
};
