// Lint: typescript-eslint's recommended rules on the TypeScript sources; generated and built files are ignored.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "schemas/**", "packages/web/dist/**", "**/*.js", "packages/web/bench/*.d.mts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
