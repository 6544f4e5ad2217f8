// The explorer's entry point: the server says which page this is (data-page); each page module does the rest.
import { base } from './api.js';
import { showStartPage } from './startpage.js';
import { showTracePage } from './tracepage.js';
import { showComparePage } from './comparepage.js';
import { showOperationsPage } from './operationspage.js';

document.getElementById('home').href = base;
const page = document.body.dataset.page;
if (page === 'trace') {
  showTracePage(decodeURIComponent(location.pathname.substring(location.pathname.lastIndexOf('/') + 1)));
} else if (page === 'compare') {
  showComparePage();
} else if (page === 'operations') {
  showOperationsPage();
} else {
  showStartPage();
}
