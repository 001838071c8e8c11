import { createRoot } from "react-dom/client";
import { Brief } from "./Brief";
import { registerFonts } from "../fonts";
import "./brief.css";

registerFonts();
createRoot(document.getElementById("root")!).render(<Brief />);
