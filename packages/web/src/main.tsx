import { createRoot } from "react-dom/client";
import { App } from "./App";
import { registerFonts } from "./fonts";
import "./styles.css";

registerFonts();
createRoot(document.getElementById("root")!).render(<App />);
