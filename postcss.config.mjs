// Tailwind 4 runs as a PostCSS plugin; the CSS entry is app/globals.css.
export default { plugins: { '@tailwindcss/postcss': {} } };
