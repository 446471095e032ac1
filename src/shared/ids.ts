/** Ids in URLs are UUIDs: anything else is "not found" before it reaches the database (which would reject it). */
export const isUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
