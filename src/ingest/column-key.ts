export const columnKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
