/**
 * embed.js: one ES module that defines <headroom-calculator> (calculator-element.tsx). Charts and
 * the verification kit load on demand from chunks beside it, resolved relative to this module, so
 * a host page only adds
 *   <script type="module" src="https://…/embed.js"></script>
 */
import { HeadroomCalculatorElement } from './calculator-element.tsx';

// embed.js sits at the root of the web build, beside exporter/ (in dev, the source folder stands in).
HeadroomCalculatorElement.buildBase = new URL('./', import.meta.url).href;
if (!customElements.get('headroom-calculator')) customElements.define('headroom-calculator', HeadroomCalculatorElement);
